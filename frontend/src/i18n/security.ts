// The strings of the security page and of the login's second step travel with those lazily loaded chunks instead
// of the first download.
import { addStrings } from '.';
import en from './security.en.json';
import nl from './security.nl.json';

addStrings(nl, en);
