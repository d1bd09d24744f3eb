--- keys: readers, intent, writer; args: owner:string, channel:string, sharded:long
--- returns: boolean
-- Gives back this owner's read hold only. A read's end can let in only a writer or an upgrade, and only once it was the
-- last reader; such a waiter has marked its intent, so the notice goes out only then: most reads end unheard of.
if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then
  return false
end
-- Readers past their own expiry do not count: a crashed reader must not keep the notice from going out.
local t = redis.call('TIME')
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000))
if redis.call('ZCARD', KEYS[1]) == 0 and redis.call('EXISTS', KEYS[2]) == 1 then
  if ARGV[3] == '1' then
    redis.call('SPUBLISH', ARGV[2], KEYS[3])
  else
    redis.call('PUBLISH', ARGV[2], KEYS[3])
  end
end
return true
