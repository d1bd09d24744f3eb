--- keys: fence; args: token:long, fence_ttl_ms:long
--- returns: boolean
-- Redlock's fencing: each master mints from its own counter, and the lease takes the highest token of its quorum. Raising
-- every quorum member's counter to that token means any later quorum (which shares at least one master with this one)
-- mints above it. Returns whether the counter was raised.
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if current < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return true
end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return false
