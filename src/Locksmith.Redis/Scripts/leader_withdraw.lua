--- keys: record; args: term:long, channel:string, sharded:long
--- returns: boolean
-- Removes the leader record only while it is still the resigning term's, and tells watchers.
if redis.call('HGET', KEYS[1], 'term') == ARGV[1] then
  redis.call('DEL', KEYS[1])
  if ARGV[3] == '1' then
    redis.call('SPUBLISH', ARGV[2], KEYS[1])
  else
    redis.call('PUBLISH', ARGV[2], KEYS[1])
  end
  return true
end
return false
