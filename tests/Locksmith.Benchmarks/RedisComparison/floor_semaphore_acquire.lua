--- keys: permits; args: owner:string, ttl_ms:long, limit:long
--- returns: boolean
-- The floor's semaphore acquire: drop expired permits, take one if fewer than the limit are held. Nothing else.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[3]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
  return true
end
return false
