// The strings of the coaching, portrait review, people, public portraits and "Mijn gegevens" pages travel with
// those lazily loaded pages instead of the first download; links shown elsewhere are in nl.json/en.json.
import { addStrings } from '.';
import en from './coaching.en.json';
import nl from './coaching.nl.json';

addStrings(nl, en);
