--- keys: record; args: candidate:string, term:long, since_ms:long, ttl_ms:long, channel:string, sharded:long
--- returns: boolean
-- Writes or refreshes an election's leader record unless a newer term is recorded, so a leader that was paused past
-- its lease cannot overwrite its successor's record. Tells watchers when the term changed.
local recorded = redis.call('HGET', KEYS[1], 'term')
if recorded and tonumber(recorded) > tonumber(ARGV[2]) then
  return false
end
redis.call('HSET', KEYS[1], 'candidate', ARGV[1], 'term', ARGV[2], 'since', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
if recorded ~= ARGV[2] then
  if ARGV[6] == '1' then
    redis.call('SPUBLISH', ARGV[5], KEYS[1])
  else
    redis.call('PUBLISH', ARGV[5], KEYS[1])
  end
end
return true
