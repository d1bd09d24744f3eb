--- keys: dead, stream, finished; args: count:long, group
--- returns: integer
-- Moves up to count of one group's dead letters back to the end of their partition's stream with their original
-- fields, addressed to that group only (field g: every other group acknowledges the copy without running it), and
-- forgets that the group finished them. Each append and delete happen together, so an item is never in both places or
-- in neither. Returns how many moved.
local moved = 0
for _, entry in ipairs(redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', ARGV[1])) do
  local fields = {}
  local values = entry[2]
  for i = 1, #values, 2 do
    local name = values[i]
    if name == 'id' then
      redis.call('ZREM', KEYS[3], values[i + 1])
    end
    if name ~= 'entry' and name ~= 'error_type' and name ~= 'error' and name ~= 'attempts' and name ~= 'g' then
      fields[#fields + 1] = name
      fields[#fields + 1] = values[i + 1]
    end
  end
  fields[#fields + 1] = 'g'
  fields[#fields + 1] = ARGV[2]
  redis.call('XADD', KEYS[2], '*', unpack(fields))
  redis.call('XDEL', KEYS[1], entry[1])
  moved = moved + 1
end
return moved
