import { EventBus } from '../../../../packages/local-env/src/events/bus';
import { eventBus, eventRule, events, eventTarget } from '../../../../packages/local-env/src/events/emulator';
import { eventsProtocol } from '../../../../packages/local-env/src/events/protocol';
import { AT, resource, text } from './support';

describe('EventBridge emulator', () => {
  it('provisions buses, rules (ARN on their bus) and targets', () => {
    expect(events.types).toEqual([eventBus, eventRule, eventTarget]);
    expect(eventBus.attributes(resource('aws_cloudwatch_event_bus', 'b', { name: 'orders' }), AT, text)).toEqual({ id: 'orders', name: 'orders', arn: 'arn:aws:events:eu-west-1:000000000000:event-bus/orders' });
    expect(eventRule.attributes(resource('aws_cloudwatch_event_rule', 'r', { name: 'to-queue', event_bus_name: 'orders' }), AT, text)).toEqual({ id: 'orders/to-queue', name: 'to-queue', arn: 'arn:aws:events:eu-west-1:000000000000:rule/orders/to-queue' });
  });

  it('PutEvents reaches the bus once its rules are read, and is UnknownOperation before', async () => {
    const ready: { bus?: EventBus } = {};
    const delivered: string[] = [];
    const protocol = eventsProtocol(() => ready.bus);
    const put = () => protocol.handle({ operation: 'PutEvents', raw: Buffer.from(JSON.stringify({ Entries: [{ Source: 'app', DetailType: 't', Detail: '{}', EventBusName: 'orders' }] })) } as Parameters<typeof protocol.handle>[0]);
    expect(() => put()).toThrow(/AWSEvents.PutEvents is not emulated/);
    ready.bus = new EventBus([{ name: 'r', busName: 'orders', pattern: { source: ['app'] }, enabled: true, targets: [{ id: 't', arn: 'arn:aws:sqs:eu-west-1:000000000000:q' }] }], async (arn) => void delivered.push(arn), 'eu-west-1', '000000000000');
    expect(await put()).toMatchObject({ FailedEntryCount: 0 });
    expect(delivered).toEqual(['arn:aws:sqs:eu-west-1:000000000000:q']);
  });
});
