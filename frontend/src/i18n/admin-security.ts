// The strings of the admin's security pages (the audit log, a person's sign-in security, retention) and of their
// links on other pages travel with those lazily loaded chunks instead of the first download.
import { addStrings } from '.';
import en from './admin-security.en.json';
import nl from './admin-security.nl.json';

addStrings(nl, en);
