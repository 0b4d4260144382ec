/**
 * The gateway over a loopback WebSocket, as @discordjs/ws 1.2 drives it
 * (dist/index.js WebSocketShard):
 * - connects to `${url}?v=10&encoding=json` (plus `compress=zlib-stream` only
 *   when the optional zlib-sync package is installed; it is not here),
 * - waits for HELLO, heartbeats after a random jitter, sends IDENTIFY,
 * - reports ready on READY, keeps `session_id`, `resume_gateway_url` and the
 *   last sequence, and after an abnormal close reconnects to the resume URL
 *   500 ms later and sends RESUME,
 * - on close 1000 re-identifies; on 4004 gives up (login fails).
 * discord.js then waits for a GUILD_CREATE for every guild READY listed as
 * unavailable before it emits `clientReady`.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { randomHex } from './ids.js';
import type { World } from './world.js';

interface GatewayEvent {
  s: number;
  t: string;
  d: unknown;
}

interface Session {
  id: string;
  seq: number;
  /** Every event sent in this session, for replay on RESUME. */
  events: GatewayEvent[];
  conn: Connection | null;
  intents: number;
}

interface Connection {
  ws: WebSocket;
  path: string;
  session: Session | null;
}

export interface IdentifyRecord {
  at: number;
  intents: number;
  properties: unknown;
  compress: unknown;
  shard: unknown;
}

export interface GatewayLog {
  /** Every WebSocket connection, with the path and query the client used. */
  connections: { at: number; path: string; query: string }[];
  identifies: IdentifyRecord[];
  /** Successful RESUMEs and how many events each replayed. */
  resumes: { at: number; sessionId: string; replayed: number }[];
  /** Closes, by whom and with which code. */
  closes: { at: number; by: 'client' | 'server'; code: number }[];
}

export interface GatewayOptions {
  /** HELLO heartbeat interval; Discord sends about 41 s. */
  heartbeatIntervalMs?: number;
}

export class FakeGateway {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, Session>();
  private readonly connections = new Set<Connection>();
  readonly log: GatewayLog = { connections: [], identifies: [], resumes: [], closes: [] };
  /** Set to false to simulate a zombied connection (discord.js then reconnects and resumes). */
  ackHeartbeats = true;

  constructor(
    private readonly world: World,
    /** e.g. ws://127.0.0.1:1234 */
    private readonly wsBase: string,
    private readonly opts: GatewayOptions = {},
  ) {
    world.dispatch = (t, d) => this.dispatch(t, d);
  }

  /** What GET /gateway/bot returns as `url`. */
  get url(): string {
    return `${this.wsBase}/gateway`;
  }

  /** A different path, so tests can see that the client resumed where READY told it to. */
  get resumeUrl(): string {
    return `${this.wsBase}/gateway/resume`;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    if (url.pathname !== '/gateway' && url.pathname !== '/gateway/resume') {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, url));
  }

  private onConnection(ws: WebSocket, url: URL): void {
    const conn: Connection = { ws, path: url.pathname, session: null };
    this.connections.add(conn);
    this.log.connections.push({ at: Date.now(), path: url.pathname, query: url.search });
    ws.on('close', (code) => {
      this.connections.delete(conn);
      const session = conn.session;
      if (session && session.conn === conn) {
        session.conn = null;
        // A clean close ends the session, as on Discord; other codes (4200, 1006) keep it resumable.
        if (code === 1000 || code === 1001) this.sessions.delete(session.id);
      }
      if (code !== 1006) this.log.closes.push({ at: Date.now(), by: 'client', code });
    });
    ws.on('error', () => {
      // Abrupt disconnects are expected in tests; the close handler does the bookkeeping.
    });
    const q = url.searchParams;
    if (q.get('v') !== '10') return this.closeConn(conn, 4012, 'Invalid API version');
    if (q.get('encoding') !== 'json')
      return this.closeConn(conn, 4002, 'Only encoding=json is supported by the fake');
    // zlib-stream would need a streaming deflate; no client here asks for it (zlib-sync is not installed).
    if (q.has('compress'))
      return this.closeConn(conn, 4000, 'The fake does not support transport compression');
    ws.on('message', (data, isBinary) => this.onMessage(conn, data.toString(), isBinary));
    this.send(conn, {
      op: 10,
      d: { heartbeat_interval: this.opts.heartbeatIntervalMs ?? 41_250 },
      s: null,
      t: null,
    });
  }

  private send(conn: Connection, payload: unknown): void {
    if (conn.ws.readyState === conn.ws.OPEN) conn.ws.send(JSON.stringify(payload));
  }

  private closeConn(conn: Connection, code: number, reason: string): void {
    this.log.closes.push({ at: Date.now(), by: 'server', code });
    if (conn.session?.conn === conn) conn.session.conn = null;
    conn.ws.close(code, reason);
  }

  private onMessage(conn: Connection, text: string, isBinary: boolean): void {
    let payload: { op?: unknown; d?: unknown };
    try {
      payload = JSON.parse(text) as { op?: unknown; d?: unknown };
    } catch {
      return this.closeConn(
        conn,
        4002,
        isBinary ? 'Binary frames are not supported' : 'Decode error',
      );
    }
    const d = (typeof payload.d === 'object' && payload.d !== null ? payload.d : {}) as Record<
      string,
      unknown
    >;
    switch (payload.op) {
      case 1:
        if (this.ackHeartbeats) this.send(conn, { op: 11, d: null, s: null, t: null });
        return;
      case 2:
        return this.identify(conn, d);
      case 6:
        return this.resume(conn, d);
      case 3: // presence update
      case 4: // voice state update
      case 8: // request guild members: the Guilds-only bot never needs members
        if (!conn.session) return this.closeConn(conn, 4003, 'Not authenticated.');
        return;
      default:
        return this.closeConn(conn, 4001, 'Unknown opcode.');
    }
  }

  private identify(conn: Connection, d: Record<string, unknown>): void {
    if (conn.session) return this.closeConn(conn, 4005, 'Already authenticated.');
    if (d.token !== this.world.token || !this.world.tokenValid)
      return this.closeConn(conn, 4004, 'Authentication failed.');
    const shard = d.shard;
    if (shard !== undefined && (!Array.isArray(shard) || shard[0] !== 0 || shard[1] !== 1)) {
      return this.closeConn(conn, 4010, 'Invalid shard.');
    }
    if (typeof d.intents !== 'number') return this.closeConn(conn, 4013, 'Invalid intent(s).');
    this.log.identifies.push({
      at: Date.now(),
      intents: d.intents,
      properties: d.properties,
      compress: d.compress,
      shard: d.shard,
    });
    const session: Session = { id: randomHex(16), seq: 0, events: [], conn, intents: d.intents };
    this.sessions.set(session.id, session);
    conn.session = session;
    const { world } = this;
    this.emit(session, 'READY', {
      v: 10,
      user: { ...world.botUser, verified: true, mfa_enabled: false, flags: 0, email: null },
      guilds: [{ id: world.guildId, unavailable: true }],
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.resumeUrl,
      shard: [0, 1],
      application: { id: world.applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      auth: {},
      user_settings: {},
    });
    // Intents gate GUILD_CREATE's delivery, not the READY guild list; without Guilds discord.js
    // would wait for waitGuildTimeout, which is the client's problem, as on Discord.
    if ((d.intents & 1) !== 0) this.emit(session, 'GUILD_CREATE', world.guildCreateJson());
  }

  private resume(conn: Connection, d: Record<string, unknown>): void {
    if (conn.session) return this.closeConn(conn, 4005, 'Already authenticated.');
    if (d.token !== this.world.token || !this.world.tokenValid)
      return this.closeConn(conn, 4004, 'Authentication failed.');
    const session = typeof d.session_id === 'string' ? this.sessions.get(d.session_id) : undefined;
    const seq = typeof d.seq === 'number' ? d.seq : -1;
    if (!session || seq > session.seq) {
      // Not resumable: the client must identify again.
      this.send(conn, { op: 9, d: false, s: null, t: null });
      return;
    }
    // A newer connection takes the session over, as on Discord.
    if (session.conn && session.conn !== conn)
      this.closeConn(session.conn, 4000, 'Session resumed elsewhere');
    session.conn = conn;
    conn.session = session;
    const missed = session.events.filter((e) => e.s > seq);
    for (const e of missed) this.send(conn, { op: 0, s: e.s, t: e.t, d: e.d });
    this.log.resumes.push({ at: Date.now(), sessionId: session.id, replayed: missed.length });
    this.emit(session, 'RESUMED', null);
  }

  private emit(session: Session, t: string, d: unknown): void {
    const event: GatewayEvent = { s: ++session.seq, t, d };
    session.events.push(event);
    if (session.conn) this.send(session.conn, { op: 0, ...event });
  }

  /**
   * Sends an event to every session, live or waiting to resume (then it is
   * replayed on RESUME). Returns how many sessions it reached.
   */
  dispatch(t: string, d: unknown): number {
    for (const session of this.sessions.values()) this.emit(session, t, d);
    return this.sessions.size;
  }

  /** How many sessions exist, and how many have a live socket. */
  get sessionCounts(): { total: number; connected: number } {
    const all = [...this.sessions.values()];
    return { total: all.length, connected: all.filter((s) => s.conn !== null).length };
  }

  /** Kills every socket without a close frame (like a network drop); sessions stay resumable. */
  dropConnections(): void {
    for (const conn of this.connections) {
      if (conn.session?.conn === conn) conn.session.conn = null;
      this.log.closes.push({ at: Date.now(), by: 'server', code: 1006 });
      conn.ws.terminate();
    }
  }

  /** Op 7: asks clients to reconnect and resume. */
  requestReconnect(): void {
    for (const conn of this.connections) this.send(conn, { op: 7, d: null, s: null, t: null });
  }

  /** Closes every connection with `code` and forgets all sessions (4004 after a token reset). */
  closeAll(code: number, reason: string): void {
    for (const conn of this.connections) this.closeConn(conn, code, reason);
    this.sessions.clear();
  }

  close(): void {
    for (const conn of this.connections) conn.ws.terminate();
    this.connections.clear();
    this.sessions.clear();
    this.wss.close();
  }
}
