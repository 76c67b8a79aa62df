// The Redis session store's operations, each one short Lua script, so that each runs atomically:
// no write can land on a record that another instance destroyed in between (no read-modify-write
// across round trips). Layout, under the configured prefix P:
//   P sess:<id>       hash: d (the record's JSON), a (lastActiveAt), s (sub), i (sid or '')
//   P idx:sub:<sub>   sorted set of session ids, scored by creation time
//   P idx:sid:<sid>   idem
// The scripts reach the session keys of index members by name (ARGV), so they need one Redis node
// (standalone or Sentinel), not Redis Cluster.

/** Removes session `id` whose fields are `f` from both its index sets (Lua helper). */
const UNINDEX = `
local function unindex(idxPrefix, id, sub, sid)
  if sub then redis.call('ZREM', idxPrefix .. 'sub:' .. sub, id) end
  if sid and sid ~= '' then redis.call('ZREM', idxPrefix .. 'sid:' .. sid, id) end
end`;

/**
 * KEYS: session key, then its index keys. ARGV: id, d, a, s, i, ttlMs, maxPerKey, now, session key
 * prefix, index key prefix, index ttlMs. Returns 1, or 0 when the id exists.
 */
export const CREATE = `${UNINDEX}
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'd', ARGV[2], 'a', ARGV[3], 's', ARGV[4], 'i', ARGV[5])
redis.call('PEXPIRE', KEYS[1], ARGV[6])
local max = tonumber(ARGV[7])
for k = 2, #KEYS do
  local idx = KEYS[k]
  redis.call('ZADD', idx, ARGV[8], ARGV[1])
  for _, member in ipairs(redis.call('ZRANGE', idx, 0, -1)) do
    if redis.call('EXISTS', ARGV[9] .. member) == 0 then redis.call('ZREM', idx, member) end
  end
  while redis.call('ZCARD', idx) > max do
    local oldest = redis.call('ZRANGE', idx, 0, 0)[1]
    local f = redis.call('HMGET', ARGV[9] .. oldest, 's', 'i')
    redis.call('DEL', ARGV[9] .. oldest)
    redis.call('ZREM', idx, oldest)
    unindex(ARGV[10], oldest, f[1], f[2])
  end
  redis.call('PEXPIRE', idx, ARGV[11])
end
return 1`;

/** KEYS: session key. ARGV: lastActiveAt, ttlMs. Returns 1, or 0 when missing. */
export const TOUCH = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'a', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

/** KEYS: session key. ARGV: d, a, ttlMs. Returns 1, or 0 when missing. */
export const UPDATE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'd', ARGV[1], 'a', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`;

/** KEYS: session key. ARGV: id, index key prefix. Returns 1, or 0 when missing. */
export const DESTROY = `${UNINDEX}
local f = redis.call('HMGET', KEYS[1], 's', 'i')
local n = redis.call('DEL', KEYS[1])
unindex(ARGV[2], ARGV[1], f[1], f[2])
return n`;

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
