--- keys: target, relayed; args: item_id, retention_ms:long, fields
--- returns: integer
-- Appends a chained call from a partition's outbox to its target partition once: a relay that crashed after the append
-- and runs again finds the item id recorded and appends nothing. Returns 1 when appended, 0 when already there.
if redis.call('ZSCORE', KEYS[2], ARGV[1]) then
  return 0
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('XADD', KEYS[1], '*', unpack(cjson.decode(ARGV[3])))
redis.call('ZADD', KEYS[2], now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - tonumber(ARGV[2]))
return 1
