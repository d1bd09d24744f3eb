--- keys: members; args: consumer, ttl_ms:long, leaving:long
--- returns: array
-- A consumer's heartbeat in its queue's group: refreshes (or removes, when leaving) its membership, drops members whose
-- heartbeat stopped, and returns the live members in order, so every consumer computes the same partition shares.
-- Scores come from the server clock, so consumers on machines with skewed clocks agree.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
if ARGV[3] == '1' then
  redis.call('ZREM', KEYS[1], ARGV[1])
else
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
return redis.call('ZRANGE', KEYS[1], 0, -1)
