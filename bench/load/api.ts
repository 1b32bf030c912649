// The server API as an app server calls it: GraphQL over HTTP with an API key. Only what the load
// tool and the soak need.

const ERRORS = `__typename ... on UserError { code message }`;

export class ApiError extends Error {
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(message);
  }
}

export class ServerApi {
  constructor(
    readonly url: string,
    readonly apiKey: string,
  ) {}

  /** One operation; top-level errors throw. */
  async gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const res = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.apiKey}` },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(30_000),
    });
    const body = (await res.json()) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    if (body.errors?.length) throw new ApiError(body.errors[0].extensions?.code ?? 'graphql_error', `${body.errors[0].message} (${query.slice(0, 60)})`);
    return body.data as T;
  }

  /** A mutation whose payload must be `typename`; a typed error throws with its code. */
  async mutate<T = any>(query: string, variables: Record<string, unknown>, typename: string): Promise<T> {
    const data = await this.gql<Record<string, any>>(query, variables);
    const result = Object.values(data)[0] as { __typename: string; code?: string; message?: string };
    if (result?.__typename !== typename) throw new ApiError(result?.code ?? result?.__typename ?? 'no_result', `${typename} expected: ${JSON.stringify(result)}`);
    return result as T;
  }

  async createRoom(input: { uniqueName?: string; maxParticipants?: number; enableRecording?: boolean; webhookEventUrl?: string }): Promise<{ id: string }> {
    const r = await this.mutate(`mutation($input: CreateRoomInput!) { createRoom(input: $input) { ${ERRORS} ... on CreateRoomPayload { room { id } } } }`, { input }, 'CreateRoomPayload');
    return r.room;
  }

  async deleteRoom(id: string): Promise<void> {
    await this.mutate(`mutation($id: ID!) { deleteRoom(id: $id) { ${ERRORS} } }`, { id }, 'DeleteRoomPayload');
  }

  async clientToken(roomId: string, ttlSecs = 3600): Promise<string> {
    const r = await this.mutate(
      `mutation($roomId: ID!, $ttl: Int) { generateClientToken(roomId: $roomId, tokenTtlSecs: $ttl) { ${ERRORS} ... on GenerateClientTokenPayload { clientToken { token } } } }`,
      { roomId, ttl: ttlSecs },
      'GenerateClientTokenPayload',
    );
    return r.clientToken.token;
  }

  async createUrlIngress(roomId: string, url: string, context: string): Promise<{ id: string; participantId: string | null }> {
    const r = await this.mutate(
      `mutation($input: CreateIngressInput!) { createIngress(input: $input) { ${ERRORS} ... on CreateIngressPayload { ingress { id status participant { id } } } } }`,
      { input: { roomId, kind: 'URL', url, loop: true, context } },
      'CreateIngressPayload',
    );
    return { id: r.ingress.id, participantId: r.ingress.participant?.id ?? null };
  }

  async deleteIngress(id: string): Promise<void> {
    await this.mutate(`mutation($id: ID!) { deleteIngress(id: $id) { ${ERRORS} } }`, { id }, 'DeleteIngressPayload');
  }

  /** kickParticipants, muteParticipants or unmuteParticipants on some participants of a session. */
  async moderate(action: 'kick' | 'mute' | 'unmute', sessionId: string, ids: string[]): Promise<void> {
    const field = `${action}Participants`;
    const payload = `${action[0].toUpperCase()}${action.slice(1)}ParticipantsPayload`;
    await this.mutate(`mutation($s: ID!, $p: ParticipantSelector!) { ${field}(sessionId: $s, participants: $p) { ${ERRORS} } }`, { s: sessionId, p: { ids } }, payload);
  }
}
