// The events websocket (GET /v1/events) with reconnection. With a job, a reconnect resumes after the
// last seq seen (?since=), so nothing is missed or repeated; without one (all of the tenant's jobs)
// the server keeps no position, so the owner is told to re-read what it shows (onResync).

import { eventsUrl } from './api.js';

const BACKOFF_MS = [500, 1000, 2000, 4000, 8000];

export class EventStream {
  /**
   * @param {object} o
   * @param {string} [o.job] only this job's events
   * @param {number} [o.since] with job: replay its stored events after this seq first (0: all)
   * @param {(event: object) => void} o.onEvent
   * @param {(state: string) => void} [o.onState] 'connecting', 'live', 'reconnecting', 'closed'
   * @param {() => void} [o.onResync] after a reconnect without job
   * @param {() => void} [o.onFailing] the socket keeps failing before it opens (is the key still good?)
   */
  constructor(o) {
    this.job = o.job || null;
    this.lastSeq = o.since === undefined ? null : o.since;
    this.onEvent = o.onEvent;
    this.onState = o.onState || (() => {});
    this.onResync = o.onResync || (() => {});
    this.onFailing = o.onFailing || (() => {});
    this.attempt = 0;
    this.closed = false;
    this.everOpened = false;
    this.timer = null;
  }

  start() {
    this.connect();
    return this;
  }

  connect() {
    if (this.closed) {
      return;
    }
    this.onState(this.everOpened ? 'reconnecting' : 'connecting');
    const params = {};
    if (this.job) {
      params.job = this.job;
      if (this.lastSeq !== null) {
        params.since = this.lastSeq;
      }
    }
    const ws = new WebSocket(eventsUrl(params));
    this.ws = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      this.attempt = 0;
      this.onState('live');
      if (this.everOpened && !this.job) {
        this.onResync();
      }
      this.everOpened = true;
    };
    ws.onmessage = (message) => {
      let frame;
      try {
        frame = JSON.parse(message.data);
      } catch (e) {
        return;
      }
      if (frame.error) {
        // slow_consumer or shutting_down: the close follows, and the reconnect resumes.
        return;
      }
      if (this.job) {
        if (this.lastSeq !== null && frame.seq <= this.lastSeq) {
          return;
        }
        this.lastSeq = frame.seq;
      }
      this.onEvent(frame);
    };
    ws.onclose = () => {
      if (this.ws !== ws || this.closed) {
        return;
      }
      if (!opened && this.attempt >= 1) {
        this.onFailing();
      }
      const delay = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)];
      this.attempt++;
      this.onState('reconnecting');
      this.timer = setTimeout(() => this.connect(), delay);
    };
  }

  close() {
    this.closed = true;
    clearTimeout(this.timer);
    if (this.ws) {
      this.ws.close(1000, 'done');
    }
    this.onState('closed');
  }
}
