import type { Adapter, AdapterConstructor, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  expiresAt: number;
}

/**
 * In-memory storage for oidc-provider, one per emulator instance (two emulators in one process
 * never share sessions). Losing everything on restart is what an emulator wants; writing our own
 * also avoids oidc-provider's "development-only adapter" warning, which would only scare users.
 */
export function createMemoryAdapter(): AdapterConstructor {
  const entries = new Map<string, Entry>();
  const grantMembers = new Map<string, Set<string>>();
  const secondaryKeys = new Map<string, string>();
  let writes = 0;

  const live = (key: string | undefined): AdapterPayload | undefined => {
    if (key === undefined) return undefined;
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry?.payload;
  };

  // Callers get copies: oidc-provider mutates what it loads before deciding to save it.
  const copy = (payload: AdapterPayload | undefined) => (payload === undefined ? undefined : structuredClone(payload));

  const sweep = (): void => {
    const now = Date.now();
    for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
    for (const [key, target] of secondaryKeys) if (!entries.has(target)) secondaryKeys.delete(key);
    for (const [grantId, keys] of grantMembers) {
      for (const key of keys) if (!entries.has(key)) keys.delete(key);
      if (keys.size === 0) grantMembers.delete(grantId);
    }
  };

  return class MemoryAdapter implements Adapter {
    constructor(private readonly model: string) {}

    private key(id: string): string {
      return `${this.model}:${id}`;
    }

    upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
      const key = this.key(id);
      const expiresAt = expiresIn ? Date.now() + expiresIn * 1000 : Number.POSITIVE_INFINITY;
      entries.set(key, { payload: structuredClone(payload), expiresAt });
      if (payload.grantId) {
        const keys = grantMembers.get(payload.grantId) ?? new Set<string>();
        grantMembers.set(payload.grantId, keys.add(key));
      }
      if (payload.uid) secondaryKeys.set(`${this.model}:uid:${payload.uid}`, key);
      if (payload.userCode) secondaryKeys.set(`${this.model}:userCode:${payload.userCode}`, key);
      if (++writes % 200 === 0) sweep();
      return Promise.resolve();
    }

    find(id: string): Promise<AdapterPayload | undefined> {
      return Promise.resolve(copy(live(this.key(id))));
    }

    findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return Promise.resolve(copy(live(secondaryKeys.get(`${this.model}:uid:${uid}`))));
    }

    findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return Promise.resolve(copy(live(secondaryKeys.get(`${this.model}:userCode:${userCode}`))));
    }

    consume(id: string): Promise<void> {
      const payload = live(this.key(id));
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      return Promise.resolve();
    }

    destroy(id: string): Promise<void> {
      entries.delete(this.key(id));
      return Promise.resolve();
    }

    revokeByGrantId(grantId: string): Promise<void> {
      for (const key of grantMembers.get(grantId) ?? []) entries.delete(key);
      grantMembers.delete(grantId);
      return Promise.resolve();
    }
  };
}
