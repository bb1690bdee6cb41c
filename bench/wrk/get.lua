-- GET the target URL on every connection, counting statuses (wrk -s get.lua URL).
local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(here .. "report.lua")

function response(status, headers, body)
   count_status(status)
end
