// Entry: styles, the document language, and the app.
import { render } from 'preact';
import { App } from './app';
import { lang } from './i18n';
import './styles.css';

document.documentElement.lang = lang.value;
const root = document.getElementById('app');
if (root) render(<App />, root);
