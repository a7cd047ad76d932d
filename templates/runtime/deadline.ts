/**
 * One deadline per request (THREATS.md B16): it bounds the body read (slow senders), the
 * `verify` hook and the handler, and aborts the signal handed to the handler. One timer,
 * cleared as soon as the answer is known. A class, not closures: one is made per request.
 * (`private`, not `#private`: projects compiling to older targets would get WeakMaps.)
 */
export class Deadline {
  private expiredFlag = false;
  private controller: AbortController | undefined;
  private listeners: (() => void)[] | undefined;
  private readonly timer: ReturnType<typeof setTimeout>;

  constructor(ms: number) {
    this.timer = setTimeout(() => this.expire(), ms);
  }

  private expire(): void {
    this.expiredFlag = true;
    this.controller?.abort(timeoutReason());
    const listeners = this.listeners;
    this.listeners = undefined;
    if (listeners) for (const l of listeners) l();
  }

  get expired(): boolean {
    return this.expiredFlag;
  }

  /** Aborted when the deadline passes; created on first use. */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.expiredFlag) this.controller.abort(timeoutReason());
    }
    return this.controller.signal;
  }

  /** Runs `listener` when the deadline passes (at once if it has). */
  onExpire(listener: () => void): void {
    if (this.expiredFlag) listener();
    else (this.listeners ??= []).push(listener);
  }

  /** Settles like `work`, or resolves with `onTimeout` if the deadline passes first. */
  race<T, E>(work: Promise<T>, onTimeout: E): Promise<T | E> {
    return new Promise<T | E>((resolve, reject) => {
      this.onExpire(() => resolve(onTimeout));
      work.then(resolve, reject);
    });
  }

  clear(): void {
    clearTimeout(this.timer);
    this.listeners = undefined;
  }
}

function timeoutReason(): DOMException {
  return new DOMException("the receiver's deadline passed", "TimeoutError");
}
