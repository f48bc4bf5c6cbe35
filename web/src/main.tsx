import { render } from 'preact';
import { loadPageConfig, messageOf } from './api.ts';
import { App } from './app.tsx';
import { completeCognitoSignIn, currentSession } from './auth.ts';

/** Reads how to sign in, finishes a hosted sign-in the browser came back from, and renders the page. */
async function start(root: HTMLElement): Promise<void> {
  let config;
  try {
    config = await loadPageConfig();
  } catch (error) {
    render(<StartFailure message={`The page's configuration could not be read: ${messageOf(error)}`} />, root);
    return;
  }
  let signInError: string | null = null;
  if (config.auth === 'cognito') {
    try {
      await completeCognitoSignIn(config);
    } catch (error) {
      signInError = messageOf(error);
    }
  }
  render(<App config={config} initialSession={currentSession()} initialMessage={signInError} />, root);
}

function StartFailure({ message }: { message: string }) {
  return (
    <main id="main" class="sign-in">
      <h1>Review worklist</h1>
      <p role="alert">{message}</p>
    </main>
  );
}

const root = document.getElementById('app');
if (root) void start(root);
