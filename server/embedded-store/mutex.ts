/** Serialises async critical sections: a transaction's awaits must not interleave with other writes. */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve()

  run<T>(section: () => T | Promise<T>): Promise<T> {
    const result = this.tail.then(section)
    this.tail = result.catch(() => undefined)
    return result
  }
}
