// The strings of the evaluation report travel with its lazily loaded page, and with the links to it on the
// reviewer's home and the admin's programme page (small: the report's wording only).
import { addStrings } from '.';
import en from './report.en.json';
import nl from './report.nl.json';

addStrings(nl, en);
