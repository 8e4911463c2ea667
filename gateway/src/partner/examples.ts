/**
 * The playground's example operations (GraphiQL tabs), for partners and for analysts. They are
 * real operations of the public API: `examples.test.ts` validates each against schema/api.graphql.
 */
export interface ExampleTab {
  title: string;
  query: string;
  variables?: string;
}

export const PLAYGROUND_EXAMPLES: ExampleTab[] = [
  {
    title: 'Partner: your budget',
    query: `# Put your API key in the box above (or "authorization": "Bearer vp_…" in Headers).
# Every response carries extensions.cost; asking for rateLimit alone costs nothing.
query Budget {
  rateLimit { limit cost remaining resetAt }
  me { id handle }
}`,
  },
  {
    title: 'Partner: videos, page by page',
    query: `# Lists cost 1 + first × (what one item costs); pass endCursor as $after for the next page.
query LatestVideos($first: Int!, $after: String) {
  videos(first: $first, after: $after) {
    edges { node { id title durationSeconds owner { handle } } }
    pageInfo { hasNextPage endCursor }
  }
}`,
    variables: '{ "first": 10 }',
  },
  {
    title: 'Partner: webhooks',
    query: `# Needs a key with the WEBHOOKS scope (or a signed-in session).
mutation CreateEndpoint {
  createWebhookEndpoint(input: { url: "https://example.com/hooks", events: [VIDEO_PUBLISHED, LIVE_STARTED] }) {
    secret
    endpoint { id url events enabled }
  }
}

query Deliveries {
  me {
    webhookEndpoints {
      id url enabled
      deliveries(first: 20) { edges { node { id event status attempts responseStatus createdAt } } }
    }
  }
}`,
  },
  {
    title: 'Analyst: views and sign-ups',
    query: `# ANALYST or ADMIN accounts, or a key with ANALYTICS_READ. Aggregates only; ranges up to 366 days.
query Audience($from: String!, $to: String!) {
  analytics {
    viewsByDay(from: $from, to: $to) { day views watchSeconds uniqueViewers }
    topVideos(from: $from, to: $to, first: 10) { video { id title } views watchSeconds }
    signupsByDay(from: $from, to: $to) { day count }
  }
}`,
    variables: '{ "from": "2026-11-01", "to": "2026-11-30" }',
  },
  {
    title: 'Analyst: revenue',
    query: `query Revenue($from: String!, $to: String!) {
  analytics {
    revenueByDay(from: $from, to: $to) { day subscriptionJpy tipJpy platformFeeJpy refundJpy }
    subscribersByPlan { tier count }
  }
}`,
    variables: '{ "from": "2026-11-01", "to": "2026-11-30" }',
  },
];
