// The entry is kept small on purpose. It starts the session and the first page's data at once, while the browser
// fetches the React app in parallel (index.html preloads it, see preloadApp in vite.config.ts): on a slow phone
// connection the API round trips then overlap the app's download instead of waiting for it.
import '@fontsource-variable/noto-sans/index.css';
import './styles/vendor.css';
import './styles/app.css';
import { startFirstPage } from './firstPage';

const root = document.getElementById('root');
if (!root) throw new Error('missing #root element');

const session = startFirstPage(window.location.pathname);
// React first, then the libraries with mount.tsx, which then imports the strings and the app's own code: shorter
// tasks for the browser instead of one long one that evaluates all of the app's script at once (the files are
// already on their way, see preloadApp and firstPageChunks in vite.config.ts).
const app = import('./reactRoot').then(() => import('./mount'));

// Until the session is known the page shows only its header, which index.html already has: rendering earlier
// would draw that header again and then the whole page a second time, in one long task that React cannot slice.
// The app renders in a task of its own, so that the session's answer and the requests it starts are not held up
// by the app's code.
void session
  .then(() => new Promise((resolve) => setTimeout(resolve, 0)))
  .then(() => app)
  .then(({ mount }) => mount(root));
