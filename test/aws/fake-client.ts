/**
 * A stand-in for an AWS SDK client whose `send` answers from a script: enough to drive our own retry and
 * batching code through the throttling and partial-failure answers the emulators never give. It records
 * every request so a test can assert what was sent again and what was not.
 */
export interface FakeClient<Input> {
  /** Pass where the code expects the SDK client; only `send` is ever called on it. */
  client: never;
  /** The input of every request, in order (a copy, so later mutation does not rewrite history). */
  inputs: Input[];
  /** The command class of every request, e.g. 'BatchGetCommand'. */
  commands: string[];
}

/**
 * `respond` gets the request's input and its 0-based number; it returns the response (without
 * `$metadata`, which our code never reads) or throws to fail the whole request.
 */
export function fakeClient<Input, Output>(respond: (input: Input, call: number) => Output | Promise<Output>): FakeClient<Input> {
  const inputs: Input[] = [];
  const commands: string[] = [];
  const send = async (command: { input: Input }): Promise<Output> => {
    const call = inputs.length;
    inputs.push(structuredClone(command.input));
    commands.push(command.constructor.name);
    return respond(command.input, call);
  };
  // `never` is assignable to every client type: the code under test calls only `send`, which this has.
  return { client: { send } as never, inputs, commands };
}

/** An error shaped like the SDK's for a request the service failed (throttling, 5xx). */
export function serviceError(name: string): Error {
  return Object.assign(new Error(`${name} (fake)`), { name, $fault: 'server' });
}
