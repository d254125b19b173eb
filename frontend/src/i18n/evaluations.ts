// The strings of the evaluation pages (forms, attaching, progress, answering) and of their links on other pages
// travel with those lazily loaded chunks instead of the first download.
import { addStrings } from '.';
import en from './evaluations.en.json';
import nl from './evaluations.nl.json';

addStrings(nl, en);
