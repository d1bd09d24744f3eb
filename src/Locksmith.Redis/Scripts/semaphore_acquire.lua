--- keys: permits; args: owner:string, ttl_ms:long, limit:long
--- returns: integer
-- Takes one of `limit` permits. Permits are sorted-set members scored by their expiry on the server clock, so a
-- crashed holder's permit is dropped here, by the next acquirer, without any sweeper. Returns 0 when granted, or
-- -1 minus the milliseconds until the earliest permit expires.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[3]) then
  redis.call('ZADD', KEYS[1], string.format('%d', now + tonumber(ARGV[2])), ARGV[1])
  local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
  redis.call('PEXPIREAT', KEYS[1], last[2])
  return 0
end
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return -1 - (tonumber(first[2]) - now)
