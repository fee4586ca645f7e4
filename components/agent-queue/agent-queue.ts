import { AcAgentQueue } from './agent-queue.component.js';

export { AcAgentQueue };

AcAgentQueue.define('ac-agent-queue');

declare global {
  interface HTMLElementTagNameMap {
    'ac-agent-queue': AcAgentQueue;
  }
}
