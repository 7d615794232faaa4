@echo off
rem Restore, build and test the solution; "build.cmd pack" also produces the NuGet package.
setlocal
cd /d "%~dp0"
set TARGET=%1
if "%TARGET%"=="" set TARGET=test
if "%CONFIGURATION%"=="" set CONFIGURATION=Release

dotnet restore Microsoft.ML.SemiSupervised.sln || exit /b 1
dotnet build Microsoft.ML.SemiSupervised.sln --no-restore -c %CONFIGURATION% || exit /b 1
if "%TARGET%"=="build" exit /b 0
if "%TARGET%"=="test" (
  dotnet test test\Microsoft.ML.SemiSupervised.Tests --no-build -c %CONFIGURATION% --logger "console;verbosity=normal" || exit /b 1
  dotnet test test\Microsoft.ML.SemiSupervised.CSharp12Tests --no-build -c %CONFIGURATION% --logger "console;verbosity=normal" || exit /b 1
  dotnet test test\Microsoft.ML.SemiSupervised.TorchSharp.Tests --no-build -c %CONFIGURATION% --logger "console;verbosity=normal"
  exit /b %ERRORLEVEL%
)
if "%TARGET%"=="pack" (
  dotnet pack src\Microsoft.ML.SemiSupervised --no-build -c %CONFIGURATION% -o artifacts\packages
  exit /b %ERRORLEVEL%
)
echo unknown target '%TARGET%' (build, test or pack) 1>&2
exit /b 2
