/* The libFuzzer entry point every fuzz target defines (also called by the corpus replay driver). */
#pragma once

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
