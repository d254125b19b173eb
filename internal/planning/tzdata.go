package planning

// Sessions are planned in Europe/Amsterdam; embedding the zone database keeps times right on hosts without one
// (such as distroless images).
import _ "time/tzdata"
