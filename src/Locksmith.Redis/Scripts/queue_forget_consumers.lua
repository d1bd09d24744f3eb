--- keys: stream; args: group, consumer
--- returns: integer
-- Removes from a partition's group the consumers, other than the caller, that hold no pending entry: the names of
-- processes that owned the partition before (every process start brings a new name). One with pending entries keeps
-- its name until they are claimed, since DELCONSUMER would drop them from the group's pending list. A former owner
-- that reads again is simply added back. Returns how many were removed.
local removed = 0
for _, consumer in ipairs(redis.call('XINFO', 'CONSUMERS', KEYS[1], ARGV[1])) do
  local info = {}
  for i = 1, #consumer, 2 do
    info[consumer[i]] = consumer[i + 1]
  end
  if info['name'] ~= ARGV[2] and tonumber(info['pending']) == 0 then
    redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], info['name'])
    removed = removed + 1
  end
end
return removed
