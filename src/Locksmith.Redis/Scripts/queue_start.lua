--- keys: starts; args: entry_id, token
--- returns: integer
-- Counts one start of an entry's body for a group, once per token: a call repeated because its reply was lost (the
-- server ran it, then the connection failed) returns the count it made instead of counting again, so only bodies that
-- really started are counted. Returns the entry's start count, this start included.
local last = redis.call('HGET', KEYS[1], ARGV[1] .. ':t')
if last == ARGV[2] then
  return tonumber(redis.call('HGET', KEYS[1], ARGV[1]))
end
local count = redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
redis.call('HSET', KEYS[1], ARGV[1] .. ':t', ARGV[2])
return count
