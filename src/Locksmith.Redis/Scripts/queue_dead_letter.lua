--- keys: stream, dead, finished, starts, reply_key; args: group, entry_id, item_id, retention_ms:long, fields, error_type, error_message, attempts:long, reply:long, reply_value, result_ttl_ms:long, channel, sharded:long
--- returns: integer
-- Moves an item that failed MaxAttempts times to the group's dead-letter stream with its error, acknowledges it and
-- records the group finished it, in one atomic step: it is never both lost (acknowledged, not moved) and run again
-- (moved, not acknowledged). An item the group already finished (completed by a consumer that resumed after a freeze,
-- or dead-lettered already) is only acknowledged: it is never both completed and dead-lettered, nor dead twice.
-- Returns 1 when dead-lettered here, 0 otherwise.
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
redis.call('HDEL', KEYS[4], ARGV[2], ARGV[2] .. ':t')
if redis.call('ZSCORE', KEYS[3], ARGV[3]) then
  return 0
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('XADD', KEYS[2], '*', 'entry', ARGV[2], 'error_type', ARGV[6], 'error', ARGV[7], 'attempts', ARGV[8], unpack(cjson.decode(ARGV[5])))
redis.call('ZADD', KEYS[3], now, ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - tonumber(ARGV[4]))
if ARGV[9] == '1' then
  redis.call('SET', KEYS[5], ARGV[10], 'PX', ARGV[11])
  if ARGV[13] == '1' then
    redis.call('SPUBLISH', ARGV[12], ARGV[3])
  else
    redis.call('PUBLISH', ARGV[12], ARGV[3])
  end
end
return 1
