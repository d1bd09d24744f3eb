--- keys: stream, dead, tries, reply_key; args: group, entry_id, item_id, fields, error_type, error_message, attempts:long, reply:long, reply_value, result_ttl_ms:long, channel, sharded:long
--- returns: integer
-- Moves an item that failed MaxAttempts times to the partition's dead-letter stream with its error, and acknowledges
-- it, in one atomic step: it is never both lost (acknowledged, not moved) and run again (moved, not acknowledged).
redis.call('XADD', KEYS[2], '*', 'entry', ARGV[2], 'error_type', ARGV[5], 'error', ARGV[6], 'attempts', ARGV[7], unpack(cjson.decode(ARGV[4])))
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
redis.call('HDEL', KEYS[3], ARGV[2])
if ARGV[8] == '1' then
  redis.call('SET', KEYS[4], ARGV[9], 'PX', ARGV[10])
  if ARGV[12] == '1' then
    redis.call('SPUBLISH', ARGV[11], ARGV[3])
  else
    redis.call('PUBLISH', ARGV[11], ARGV[3])
  end
end
return 1
