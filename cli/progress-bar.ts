// Moved to cli/ui/progress-bar.ts. Kept only until cli/commands/submit.ts (being edited elsewhere)
// imports it from there; delete this file then.
export { ProgressBar } from './ui/progress-bar.ts';
