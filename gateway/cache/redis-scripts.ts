/**
 * The Redis response store's two writes, each one Lua script so that Redis runs it as one step:
 *
 * STORE checks the invalidation marks of the entry's entities and writes the entry and its tag-set
 * memberships only if none is at or after the read's start (minus the clock-skew allowance): no
 * invalidation can fall between the check and the write, as it could between an MGET and a MULTI.
 *
 * INVALIDATE writes the marks with Redis' own clock (never moving one back in time; see redis-clock.ts),
 * deletes the entries of each tag set and the set itself: no SADD can land between reading a set and
 * deleting it, so no entry escapes. It returns the number of entries removed.
 *
 * Keys: marks and tag sets are passed as KEYS (ioredis prefixes them); entry keys are derived from set
 * members inside the script, so ARGV carries the full entry prefix.
 *
 * Cluster-safe: every key of the response store carries the `{rc}` hash tag (RESPONSE_KEYS), so a call's
 * KEYS, the entries INVALIDATE derives from set members, and the MGET of marks (invalidatedSince) all
 * live in one slot, on one primary, which runs each script atomically as on a single node. The price: the
 * response cache is not spread over the cluster's primaries (a cluster still brings failover, and room
 * for everything else). TIME inside INVALIDATE is that primary's clock, which the replicas' RedisClock
 * measures through a script on the same slot (RESPONSE_KEYS.clock).
 */
import { hashTagged } from '../../contracts/lib/redis-connection.ts';

const SLOT = hashTagged('rc');
export const RESPONSE_KEYS = Object.freeze({ entry: `${SLOT}:e:`, tagSet: `${SLOT}:t:`, mark: `${SLOT}:i:`, clock: `${SLOT}:clock` });

export const STORE_SCRIPT = `
local n = tonumber(ARGV[1])
local since = tonumber(ARGV[2])
for i = 2, n + 1 do
  local at = redis.call('GET', KEYS[i])
  if at and tonumber(at) >= since then return 0 end
end
local ms = tonumber(ARGV[4])
redis.call('SET', KEYS[1], ARGV[3], 'PX', ms)
for i = n + 2, 2 * n + 1 do
  redis.call('SADD', KEYS[i], ARGV[5])
  if redis.call('PTTL', KEYS[i]) < ms then redis.call('PEXPIRE', KEYS[i], ms) end
end
return 1
`;

export const INVALIDATE_SCRIPT = `
local n = tonumber(ARGV[1])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local removed = 0
for i = 1, n do
  local previous = tonumber(redis.call('GET', KEYS[i]) or '0')
  redis.call('SET', KEYS[i], tostring(math.max(previous, now)), 'EX', ARGV[2])
  local members = redis.call('SMEMBERS', KEYS[n + i])
  for _, member in ipairs(members) do removed = removed + redis.call('DEL', ARGV[3] .. member) end
  redis.call('DEL', KEYS[n + i])
end
return removed
`;
