--- keys: stream, finished, starts, outbox, reply_key; args: group, entry_id, item_id, retention_ms:long, chained, reply:long, reply_value, result_ttl_ms:long, channel, sharded:long
--- returns: integer
-- Completes one queued item for one group in one atomic step: the acknowledgement, the record that the group finished
-- it (so a second copy is a no-op), the queued calls its body made (into the group's outbox, in the same slot, relayed
-- from there) and the reply to a waiting caller. An item the group already finished (completed, or dead-lettered by
-- another consumer while this one was frozen past its lease) is only acknowledged. Returns 1 when completed here, else 0.
local function publish(channel, message)
  if ARGV[10] == '1' then
    redis.call('SPUBLISH', channel, message)
  else
    redis.call('PUBLISH', channel, message)
  end
end
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
redis.call('HDEL', KEYS[3], ARGV[2], ARGV[2] .. ':t')
if redis.call('ZSCORE', KEYS[2], ARGV[3]) then
  return 0
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZADD', KEYS[2], now, ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - tonumber(ARGV[4]))
if ARGV[5] ~= '' then
  for _, fields in ipairs(cjson.decode(ARGV[5])) do
    redis.call('XADD', KEYS[4], '*', unpack(fields))
  end
end
if ARGV[6] == '1' then
  redis.call('SET', KEYS[5], ARGV[7], 'PX', ARGV[8])
  publish(ARGV[9], ARGV[3])
end
return 1
