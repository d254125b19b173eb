package reflections

import (
	"time"

	"gorm.io/gorm"
)

// Service applies the rules and access checks of reflections.
type Service struct {
	db  *gorm.DB
	now func() time.Time
}

// NewService wires the service.
func NewService(db *gorm.DB) *Service { return &Service{db: db, now: time.Now} }
