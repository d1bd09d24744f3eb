--- keys: readers, writer, intent, upgrader, fence; args: owner:string, ttl_ms:long, fencing:long, fence_ttl_ms:long, intent_ttl_ms:long
--- returns: integer
-- Takes the write hold when nobody reads or writes. While readers (or an upgradeable reader) are still in, the first
-- waiting writer marks its intent, which keeps new readers out until it gets in or gives up; the mark expires on its own
-- (a few re-check intervals) if the waiter dies, and every attempt of a live waiter renews it. Returns the fencing token
-- (0 without fencing) when granted, or -1 minus the milliseconds until what blocks it could expire.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local intent = redis.call('GET', KEYS[3])
if intent and intent ~= ARGV[1] then
  -- Another writer (or an upgrade) is first in line.
  return -1 - redis.call('PTTL', KEYS[3])
end
local writer = redis.call('PTTL', KEYS[2])
local upgrader = redis.call('PTTL', KEYS[4])
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if writer >= 0 or upgrader >= 0 or first[1] then
  redis.call('SET', KEYS[3], ARGV[1], 'PX', ARGV[5])
  local wait = math.max(writer, upgrader)
  if wait < 0 then
    -- The earliest reader's expiry: the first moment a crashed reader could stop blocking.
    wait = tonumber(first[2]) - now
  end
  return -1 - math.max(wait, 0)
end
if intent then
  redis.call('DEL', KEYS[3])
end
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
if ARGV[3] ~= '1' then
  return 0
end
-- The lock's fence counter: a new counter starts at the server clock in microseconds, so tokens still rise after an idle
-- counter expired.
if redis.call('EXISTS', KEYS[5]) == 0 then
  redis.call('SET', KEYS[5], string.format('%d%06d', t[1], t[2]))
end
local token = redis.call('INCR', KEYS[5])
redis.call('PEXPIRE', KEYS[5], ARGV[4])
return token
