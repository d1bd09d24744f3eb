--- keys: permits, queue, waiters, tickets; args: owner:string, ttl_ms:long, limit:long, waiter_ttl_ms:long
--- returns: integer
-- Takes a permit first come, first served. A caller joins the queue once, with a ticket from the counter, and is granted
-- a permit only when fewer callers are ahead of it than permits are free, so a later arrival never overtakes it. Every
-- attempt refreshes the caller's place; a waiter that stops refreshing (it died) leaves the queue after waiter_ttl_ms
-- and can block nobody. Expired permits are dropped here too. Returns 0 when granted, or -1 minus the milliseconds
-- until the earliest permit expires (or minus waiter_ttl_ms when no permit is held: callers ahead are taking them).
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local dead = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now)
for i = 1, #dead do
  redis.call('ZREM', KEYS[2], dead[i])
end
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
if not redis.call('ZSCORE', KEYS[2], ARGV[1]) then
  redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[4]), ARGV[1])
end
local free = tonumber(ARGV[3]) - redis.call('ZCARD', KEYS[1])
if redis.call('ZRANK', KEYS[2], ARGV[1]) < free then
  redis.call('ZREM', KEYS[2], ARGV[1])
  redis.call('ZREM', KEYS[3], ARGV[1])
  redis.call('ZADD', KEYS[1], string.format('%d', now + tonumber(ARGV[2])), ARGV[1])
  local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
  redis.call('PEXPIREAT', KEYS[1], last[2])
  -- The ticket counter may have just been created by this caller's INCR: it expires like the queue it numbers (never
  -- before it, since every refresh of the queue refreshes the counter too).
  redis.call('PEXPIRE', KEYS[4], ARGV[4])
  return 0
end
redis.call('ZADD', KEYS[3], string.format('%d', now + tonumber(ARGV[4])), ARGV[1])
-- The queue's bookkeeping lives only as long as some waiter keeps refreshing it.
redis.call('PEXPIRE', KEYS[2], ARGV[4])
redis.call('PEXPIRE', KEYS[3], ARGV[4])
redis.call('PEXPIRE', KEYS[4], ARGV[4])
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if first[2] then
  return -1 - (tonumber(first[2]) - now)
end
return -1 - tonumber(ARGV[4])
