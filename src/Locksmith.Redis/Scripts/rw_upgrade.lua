--- keys: readers, writer, intent, upgrader, fence; args: owner:string, ttl_ms:long, fencing:long, fence_ttl_ms:long, intent_ttl_ms:long
--- returns: integer
-- Turns this owner's upgradeable read into the write hold once no plain reader is left, without letting the read go: the
-- upgrader key stays (it is released with the lease) and the writer key is added under the same owner. Until then the
-- upgrade's intent keeps new readers out, taking precedence over a waiting writer's (which waits for this owner anyway).
-- Returns the fencing token (0 without fencing), -1 minus the milliseconds until the earliest reader could expire, or
-- -2^53 when this owner no longer holds the upgradeable read.
if redis.call('GET', KEYS[4]) ~= ARGV[1] then
  return -9007199254740992
end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if first[1] then
  redis.call('SET', KEYS[3], ARGV[1], 'PX', ARGV[5])
  return -1 - math.max(tonumber(first[2]) - now, 0)
end
if redis.call('GET', KEYS[3]) == ARGV[1] then
  redis.call('DEL', KEYS[3])
end
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
if ARGV[3] ~= '1' then
  return 0
end
if redis.call('EXISTS', KEYS[5]) == 0 then
  redis.call('SET', KEYS[5], string.format('%d%06d', t[1], t[2]))
end
local token = redis.call('INCR', KEYS[5])
redis.call('PEXPIRE', KEYS[5], ARGV[4])
return token
