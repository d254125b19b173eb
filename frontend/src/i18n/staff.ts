// The strings of the pages that run a programme (programmes, cohorts, roles, participants, the planner, speakers,
// attendance, the outbox) travel with those lazily loaded pages instead of a participant's first download; so do
// the attendance words of "Mijn programma" and "Mijn gegevens". Every module that uses them imports this one.
import { addStrings } from '.';
import en from './staff.en.json';
import nl from './staff.nl.json';

addStrings(nl, en);
