--- keys: dead, stream; args: count:long
--- returns: integer
-- Moves up to count dead letters back to the end of their partition's stream, with their original fields, each append
-- and delete together, so an item is never in both places or in neither. Returns how many moved.
local moved = 0
for _, entry in ipairs(redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', ARGV[1])) do
  local fields = {}
  local values = entry[2]
  for i = 1, #values, 2 do
    local name = values[i]
    if name ~= 'entry' and name ~= 'error_type' and name ~= 'error' and name ~= 'attempts' then
      fields[#fields + 1] = name
      fields[#fields + 1] = values[i + 1]
    end
  end
  redis.call('XADD', KEYS[2], '*', unpack(fields))
  redis.call('XDEL', KEYS[1], entry[1])
  moved = moved + 1
end
return moved
