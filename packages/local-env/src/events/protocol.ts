import type { AwsProtocol } from '../aws/endpoint';
import { AwsError, parseBody } from '../aws/protocol';
import type { EventBus, PutEventsEntry } from './bus';

/** AWSEvents.PutEvents (AWS JSON 1.1) over the bus, once its rules are read (they need queue URLs, which need the endpoint's port). */
export function eventsProtocol(bus: () => EventBus | undefined): AwsProtocol {
  return {
    target: 'AWSEvents',
    service: 'events',
    handle: ({ operation, raw }) => {
      const body = parseBody(raw);
      const events = bus();
      if (operation !== 'PutEvents' || !events) throw new AwsError('UnknownOperationException', `AWSEvents.${operation} is not emulated by the local environment`);
      return events.put((body.Entries as PutEventsEntry[]) ?? []);
    },
  };
}
