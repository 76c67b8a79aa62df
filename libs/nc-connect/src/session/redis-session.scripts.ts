// The Redis session store's operations, each one short Lua script, so that each runs atomically:
// no write can land on a record that another instance destroyed in between (no read-modify-write
// across round trips). Layout, under the configured prefix P:
//   P session:<id>             hash: d (the record's JSON), a (lastActiveAt), u and i (the names of
//                              its index keys by sub and by sid, i empty without a sid)
//   P session-index:<owner>:sub:<sub>   sorted set of session ids, scored by creation time (Redis's clock)
//   P session-index:<owner>:sid:<sid>   idem
// The scripts reach the keys of index members by name (ARGV), so they need one Redis node
// (standalone or Sentinel), not Redis Cluster.

/** Destroys session `id` (its hash at `key`): record and index entries (Lua helper). */
const DESTROY_FUNCTION = `
local function destroy(key, id)
  local f = redis.call('HMGET', key, 'u', 'i')
  local n = redis.call('DEL', key)
  if f[1] and f[1] ~= '' then redis.call('ZREM', f[1], id) end
  if f[2] and f[2] ~= '' then redis.call('ZREM', f[2], id) end
  return n
end`;

/**
 * KEYS: session key, its sub index key, then its sid index key if any. ARGV: id, d, a, ttlMs,
 * maxPerKey, session key prefix, index ttlMs. Returns 1, or 0 when the id exists.
 */
export const CREATE = `${DESTROY_FUNCTION}
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'd', ARGV[2], 'a', ARGV[3], 'u', KEYS[2], 'i', KEYS[3] or '')
redis.call('PEXPIRE', KEYS[1], ARGV[4])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local max = tonumber(ARGV[5])
for k = 2, #KEYS do
  local idx = KEYS[k]
  redis.call('ZADD', idx, now, ARGV[1])
  for _, member in ipairs(redis.call('ZRANGE', idx, 0, -1)) do
    if redis.call('EXISTS', ARGV[6] .. member) == 0 then redis.call('ZREM', idx, member) end
  end
  while redis.call('ZCARD', idx) > max do
    local oldest = redis.call('ZRANGE', idx, 0, 1)
    local victim = oldest[1] == ARGV[1] and oldest[2] or oldest[1]
    destroy(ARGV[6] .. victim, victim)
    redis.call('ZREM', idx, victim)
  end
  redis.call('PEXPIRE', idx, ARGV[7])
end
return 1`;

/** KEYS: session key. ARGV: lastActiveAt, ttlMs. Returns 1, or 0 when missing. */
export const TOUCH = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'a', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

/** KEYS: session key. ARGV: d. Keeps lastActiveAt and the time to live. Returns 1, or 0 when missing. */
export const UPDATE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'd', ARGV[1])
return 1`;

/** KEYS: session key. ARGV: id. Returns 1, or 0 when missing. */
export const DESTROY = `${DESTROY_FUNCTION}
return destroy(KEYS[1], ARGV[1])`;

/** KEYS: index key. ARGV: limit, session key prefix. The live ids, up to limit; drops the others. */
export const FIND = `
local found = {}
local limit = tonumber(ARGV[1])
for _, member in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  if redis.call('EXISTS', ARGV[2] .. member) == 0 then
    redis.call('ZREM', KEYS[1], member)
  elseif #found < limit then
    found[#found + 1] = member
  end
end
return found`;
