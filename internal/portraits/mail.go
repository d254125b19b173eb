package portraits

import (
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/mail"
)

const signature = "Met vriendelijke groet,\n\nHet programmabureau van de %s\n" +
	"Vereniging van Gemeentesecretarissen en A&O-fonds Gemeenten\n"

// approvedMail tells the author that their portrait is on the programme's public page.
func approvedMail(tx *gorm.DB, r row) error {
	return mail.Enqueue(tx, mail.Message{To: r.AuthorEmail, ToName: r.AuthorName, Kind: "portrait.approved",
		Subject: "Uw portret is gepubliceerd",
		Text: fmt.Sprintf("Beste %s,\n\nHet programmabureau heeft uw portret „%s” goedgekeurd. Het staat nu met uw "+
			"naam, gemeente en functie op de openbare pagina met portretten van de %s.\n\n"+
			"U kunt uw toestemming altijd intrekken in Leergang, onder Mijn portret: dan gaat het portret meteen offline. "+
			"Wijzigt u de tekst, dan gaat het portret ook offline tot u het opnieuw indient en het is goedgekeurd.\n\n"+
			signature, r.AuthorName, r.Title, r.ProgrammeName, r.ProgrammeName),
	})
}

// rejectedMail gives the author the programme office's note.
func rejectedMail(tx *gorm.DB, r row, note string) error {
	offline := ""
	if r.PublishedAt != nil {
		offline = "Het portret staat niet meer op de openbare pagina.\n\n"
	}
	return mail.Enqueue(tx, mail.Message{To: r.AuthorEmail, ToName: r.AuthorName, Kind: "portrait.rejected",
		Subject: "Uw portret wordt (nog) niet gepubliceerd",
		Text: fmt.Sprintf("Beste %s,\n\nHet programmabureau heeft uw portret „%s” niet goedgekeurd voor publicatie. "+
			"De toelichting:\n\n%s\n\n%sU kunt de tekst in Leergang, onder Mijn portret, aanpassen en opnieuw indienen.\n\n"+
			signature, r.AuthorName, r.Title, quote(note), offline, r.ProgrammeName),
	})
}

// quote indents the note so that it stands apart from the mail's own words.
func quote(s string) string {
	return "    " + strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\n", "\n    ")
}
