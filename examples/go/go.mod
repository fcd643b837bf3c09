module nofuture.invalid/nofuture

go 1.19
