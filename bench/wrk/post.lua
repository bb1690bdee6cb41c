-- POST JSON bodies read from a file (one per line), each thread starting at its own place, counting
-- statuses and keeping the reference of every 201 (wrk -s post.lua URL -- BODIES_FILE).
local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(here .. "report.lua")

local bodies = {}
local next_body = 1

function init(args)
   for line in io.lines(args[1]) do
      table.insert(bodies, line)
   end
   next_body = ((id or 1) - 1) * 997 % #bodies + 1
   wrk.method = "POST"
   wrk.headers["Content-Type"] = "application/json"
end

function request()
   local body = bodies[next_body]
   next_body = next_body % #bodies + 1
   return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
   count_status(status)
   if status == 201 then
      local reference = body:match('"reference":%s*"([%w%-]+)"')
      if reference then
         table.insert(references, reference)
      end
   end
end
