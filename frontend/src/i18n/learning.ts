// The strings of the participant's learning pages (goals, logbook, reflections, portrait) travel with those
// lazily loaded pages instead of the first download; the few that the home shows are in nl.json/en.json.
import { addStrings } from '.';
import en from './learning.en.json';
import nl from './learning.nl.json';

addStrings(nl, en);
