// Where the objects of a call are created (docs/placement.md): near Korea. A location hint only
// matters when an object is first created; the carrier's webhooks for an Asia-Pacific AnchorSite
// already arrive at a nearby Cloudflare location, so the hint keeps the object there when the
// request itself came from elsewhere (a failover of the carrier, an operator's tool).
export const OBJECT_PLACEMENT: DurableObjectNamespaceGetDurableObjectOptions = { locationHint: 'apac' };
