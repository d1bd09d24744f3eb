--- keys: resource; args: value, fencing_token:long
--- returns: boolean
-- Writes the value only if the writer's fencing token is not older than the newest token this resource has seen.
-- The value and that token live in one hash, so the check and the write are one atomic step in one slot.
local last = redis.call('HGET', KEYS[1], 'fence')
if last and tonumber(last) > tonumber(ARGV[2]) then
  return false
end
redis.call('HSET', KEYS[1], 'value', ARGV[1], 'fence', ARGV[2])
return true
