// Enough for the streams a process writes to in a while; forgetting one only costs one more round trip.
const CAPACITY = 50_000;

/**
 * Subjects this process has seen holding events. A subject not in here is guessed to be new, and its
 * first events are appended without reading the stream first; the guess is never trusted, since the
 * append itself checks that the stream is empty. So this is a hint, bounded and never invalidated.
 */
export class KnownStreams {
  private readonly subjects = new Set<string>();

  has(subject: string): boolean {
    return this.subjects.has(subject);
  }

  add(subjects: Iterable<string>): void {
    for (const subject of subjects) {
      if (this.subjects.size >= CAPACITY) this.subjects.clear();
      this.subjects.add(subject);
    }
  }
}
