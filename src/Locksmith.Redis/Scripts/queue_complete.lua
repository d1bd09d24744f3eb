--- keys: stream, finished, starts, outbox, reply_key; args: group, entry_id, item_id, retention_ms:long, chained, reply:long, reply_value, result_ttl_ms:long, channel, sharded:long, next_entry, next_token
--- returns: array
-- Completes one queued item for one group in one atomic step: the acknowledgement, the record that the group finished
-- it (so a second copy is a no-op), the queued calls its body made (into the group's outbox, in the same slot, relayed
-- from there) and the reply to a waiting caller. An item the group already finished (completed, or dead-lettered by
-- another consumer while this one was frozen past its lease) is only acknowledged. With next_entry, it also counts the
-- start of that entry's body once per next_token, as queue_start.lua does, saving the consumer a round trip per item.
-- Returns {1 when completed here else 0, the next entry's start count or 0}.
local function publish(channel, message)
  if ARGV[10] == '1' then
    redis.call('SPUBLISH', channel, message)
  else
    redis.call('PUBLISH', channel, message)
  end
end
local function count_next()
  if ARGV[11] == '' then
    return 0
  end
  if redis.call('HGET', KEYS[3], ARGV[11] .. ':t') == ARGV[12] then
    return tonumber(redis.call('HGET', KEYS[3], ARGV[11]))
  end
  local count = redis.call('HINCRBY', KEYS[3], ARGV[11], 1)
  redis.call('HSET', KEYS[3], ARGV[11] .. ':t', ARGV[12])
  return count
end
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
redis.call('HDEL', KEYS[3], ARGV[2], ARGV[2] .. ':t')
if redis.call('ZSCORE', KEYS[2], ARGV[3]) then
  return {0, count_next()}
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
return {1, count_next()}
