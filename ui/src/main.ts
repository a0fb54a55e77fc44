import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { theme } from './lib/theme.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('the #app element is missing from index.html');

// Before the first paint: the page comes up in the right theme.
theme.init();

export default mount(App, { target });
